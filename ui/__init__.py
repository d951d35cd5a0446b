"""The Qt desktop application. Everything Qt lives here; the product logic lives in ``commrel``."""
