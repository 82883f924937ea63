"""Sign-in and roles: who is here, what they may see and do, and the safe default without login."""
