import SluiceCore

/// Merges what a column's data said with what its footers said into the catalog's forms.
///
/// Footers win where they answer, because they cover every row at no cost: the null
/// count when every chunk states it, minimum and maximum when every chunk has usable
/// bounds (``ColumnProfile/minMaxSource`` says which). Everything else comes from the
/// rows read.
///
/// When the null count comes from data and only part of the rows was read, it counts the
/// nulls among the rows read, and ``ColumnProfile/nullFraction`` is taken over
/// ``ColumnProfile/profiledRows`` rather than ``ColumnProfile/rowCount``, so the fraction
/// stays an honest sample estimate.
enum ColumnProfileAssembly {
    static func column(field: Field, isPartitionKey: Bool, table: String, rowCount: Int,
                       data: DataStatistics, footer: FooterColumnStatistics?) -> ProfiledColumn {
        let nullCount = footer?.nullCount ?? data.nullCount
        var min = data.min, max = data.max
        var minMaxSource: StatisticSource? = min == nil ? nil : .data
        if let footer, footer.boundsAreComplete {
            min = footer.minimum?.text(as: field.type)
            max = footer.maximum?.text(as: field.type)
            minMaxSource = .footer
        }
        var distinctCount = data.distinctCount
        var method = data.distinctMethod
        if data.profiledRows == 0, let stated = footer?.distinctCount {
            distinctCount = stated
            method = .footer
        }
        let isUnique = method == .exact && nullCount == 0 && data.profiledRows > 0 && distinctCount == data.profiledRows
        var profile = ColumnProfile(rowCount: rowCount, profiledRows: data.profiledRows, nullCount: nullCount,
                                    distinctCount: distinctCount, distinctMethod: method, min: min, max: max,
                                    minMaxSource: minMaxSource, samples: data.samples, topValues: data.topValues,
                                    averageLength: data.averageLength, isUnique: isUnique)
        if footer?.nullCount == nil && data.profiledRows < rowCount && data.profiledRows > 0 {
            profile.nullFraction = Double(data.nullCount) / Double(data.profiledRows)
        }
        let sample = ColumnSample(table: table, column: field.name, dataType: field.type, values: data.detectionValues,
                                  rowCount: rowCount, nullCount: nullCount, distinctCount: distinctCount, isUnique: isUnique)
        return ProfiledColumn(field: field, isPartitionKey: isPartitionKey, profile: profile, sample: sample,
                              keySketch: data.keySketch)
    }
}
