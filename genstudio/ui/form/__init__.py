"""The prompt form: what a creator asks for."""
