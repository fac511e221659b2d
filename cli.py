from dedup.cli import main
main()
