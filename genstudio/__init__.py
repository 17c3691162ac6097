"""GenStudio: a desktop client for AI media generation APIs."""

__version__ = "0.1.0"
