from game.clients.cli import main

raise SystemExit(main())
