import ReportCLI

Report.main()
