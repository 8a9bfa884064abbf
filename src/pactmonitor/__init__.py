"""Pactmonitor: the monitoring of a multi-party policy pact, such as the Techniekpact 2020."""

__version__ = "0.1.0"
