"""社会组织概况 Register profile: type and level, registration mode, ratings, party and union, domains, the trend."""
