#!/usr/bin/env python
"""Django's command-line utility; `benchguard` is the same for operators."""

from benchguard.__main__ import main

if __name__ == "__main__":
    main()
