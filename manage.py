#!/usr/bin/env python
"""Django's command-line utility; identical to the ``subsidia`` console command."""

from subsidia.__main__ import main

if __name__ == "__main__":
    main()
