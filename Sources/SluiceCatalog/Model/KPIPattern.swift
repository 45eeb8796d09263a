/// A documented analytical pattern ("Portfolio exposure by sector and client segment")
/// with the tables it needs and a SQL template. Patterns come from annotations files.
public struct KPIPattern: Sendable, Codable, Equatable {
    /// Fixed id that golden sets and tests name: `portfolio_exposure`.
    public var id: String
    public var name: String
    public var description: String
    public var tables: [String]
    /// SQL over the lake's table names that computes the KPI.
    public var template: String
    public var metadataText: String
    /// The pattern as a mart spec template, JSON text (the annotations file's `mart:` mapping,
    /// in the format of `SluiceProvision`'s `MartSpec` without `name`): what the deterministic
    /// planner provisions when search picks this pattern. `nil` when the file gives none.
    ///
    /// Object keys are sorted and there is no whitespace, so one template is always one text:
    /// `{"dimensions":[{"column":"i.sector"}],"measures":[{"function":"count","name":"positions"}],…}`.
    /// The catalog keeps it as given; whether it is a valid spec for the catalog's tables is
    /// checked where it is used (the planner names the pattern when it is not).
    public var martTemplate: String?

    public init(id: String, name: String, description: String, tables: [String], template: String, metadataText: String = "",
                martTemplate: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.tables = tables
        self.template = template
        self.metadataText = metadataText
        self.martTemplate = martTemplate
    }
}
