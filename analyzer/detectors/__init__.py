"""All detectors, registered by name on import."""
from . import asking, milestones, phrases, pitfalls, plan, recap, risk, target  # noqa: F401
from .base import REGISTRY, Detector, Facts, Finding, register

__all__ = ["REGISTRY", "Detector", "Facts", "Finding", "register"]
