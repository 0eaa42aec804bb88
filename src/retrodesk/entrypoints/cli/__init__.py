"""The `retrodesk` command line."""
