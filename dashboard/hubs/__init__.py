"""枢纽 Hubs: every hub serving the viewer's regions, ranked; one hub's links, organizations, projects and money."""
