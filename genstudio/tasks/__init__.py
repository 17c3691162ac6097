"""The task service: one scheduler that polls every task, and the durable history.

Nothing here imports widgets; the window subscribes to :class:`TaskService` events.
"""
