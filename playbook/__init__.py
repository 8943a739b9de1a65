"""Partner ecosystem playbook: the calculations, validation and runner behind the eight trend
notebooks. ARCHITECTURE.md maps the modules."""
