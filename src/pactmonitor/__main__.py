from pactmonitor.cli import main

main()
