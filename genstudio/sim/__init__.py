"""The provider simulator: a loopback HTTP server that behaves like a provider (no Qt)."""

from genstudio.sim.faults import Fault, FaultPlan
from genstudio.sim.server import DEMO_KEY, Simulator, SimulatorConfig

__all__ = ["DEMO_KEY", "Fault", "FaultPlan", "Simulator", "SimulatorConfig"]
