/// What every page shares: its title and the navigation, with the current page marked.
/// All pages sit at the top of `site/`, so every link is relative and the site works from
/// any sub-path.
enum SiteLayout {
    static let pages: [(file: String, label: String)] = [
        ("index.html", "Claims"), ("explore.html", "Explore"), ("figures.html", "Figures"), ("runs.html", "Runs"), ("fits.html", "Fits"),
        ("methods.html", "Methods"), ("reproduction.html", "Reproducibility"), ("downloads.html", "Downloads"),
    ]

    static func context(title: String, current: String, _ page: [String: Any]) -> [String: Any] {
        var context = page
        context["pageTitle"] = title
        context["nav"] = pages.map { ["href": $0.file, "label": $0.label, "current": $0.file == current] }
        return context
    }
}
