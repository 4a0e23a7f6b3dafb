"""`python -m kaoping` behaves like the `kaoping` command."""

import sys

from kaoping.main import main

sys.exit(main())
