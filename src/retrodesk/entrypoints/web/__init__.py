"""The web application: FastAPI + Jinja2 + htmx pages and the JSON API."""
