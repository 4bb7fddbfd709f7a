"""fazhi: orchestration of the warehouse (load, build, check, publish) and its command line."""
