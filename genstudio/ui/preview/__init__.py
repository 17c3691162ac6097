"""Showing results: the previewer, players and waveforms."""
