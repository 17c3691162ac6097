"""The main window: it assembles the workspace and wires it to the task service."""
