"""版本管理 Releases (admin): the kept releases; pin, unpin, prune; each in the audit log."""
