"""Processes and wiring: the command line, the web application and the composition root."""
