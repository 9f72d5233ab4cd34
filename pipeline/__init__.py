"""vntasks: extract tasks, agencies and deadlines from Vietnamese directives."""

__version__ = "0.1.0"
