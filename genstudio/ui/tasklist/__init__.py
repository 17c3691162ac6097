"""The task list, the gallery and the details pane: what happened to each job."""
