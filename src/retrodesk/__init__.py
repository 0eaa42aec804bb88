"""retrodesk: workers' compensation incentive programs — rating engine and system of record."""

__version__ = "0.1.0"
