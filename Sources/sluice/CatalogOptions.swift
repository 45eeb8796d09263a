import ArgumentParser
import SluiceCatalog
import SluiceSQLite

/// `--catalog DIR`: where the catalog lives, shared by `scan` and every `catalog` command.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "State folder of the embedded catalog (SQLite files; created when missing).",
            valueName: "dir"
        )
    )
    var catalog = ".sluice"

    func openStore() throws -> any CatalogStore {
        try SQLiteCatalogStore(directory: catalog)
    }
}
