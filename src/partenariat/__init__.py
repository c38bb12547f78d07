"""partenariat: build a strategic NGO–company partnership step by step (ORSE / Le RAMEAU method)."""

__version__ = "0.1.0"
