"""What runs the server, beside the pages: the launcher (`python -m server`), the ASGI gate in front of
Streamlit's own middleware (uploads counted as they arrive, the sign-in cookie's route, trusted proxies, the
closed metrics), what uploads the server holds, and the sign-in cookie. It patches Streamlit 1.67's internals
(tests/unit/test_streamlit_pins.py says which) and never imports the pages or ui/: ui/ calls it."""
