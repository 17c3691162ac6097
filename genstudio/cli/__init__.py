"""``genstudio-cli``: the command-line face of the protocol layer and the simulator."""
