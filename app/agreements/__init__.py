"""Framework agreements (SKI and local) and which municipalities have joined them."""
