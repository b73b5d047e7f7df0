"""`python -m ui.serve`, the launcher's former address, kept for the scripts and service files that name it:
the launcher is `server.serve` (`python -m server`)."""

from server.serve import main

if __name__ == "__main__":
    main()
