"""社会组织 Organizations: search; one organization's register entry, hubs over time, projects, funding."""
