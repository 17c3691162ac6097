"""Widgets only: they show the task service's state and forward the user's actions."""
