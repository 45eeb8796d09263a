import Testing
@testable import SluiceLake

@Suite struct LakeErrorTests {
    @Test func descriptionNamesLocationKeyAndCode() {
        let error = LakeError(.accessDenied, location: "s3://bank-lake/raw", key: "clients.parquet", code: "SignatureDoesNotMatch", message: "request signature rejected")
        #expect(error.description == "s3://bank-lake/raw/clients.parquet: request signature rejected (SignatureDoesNotMatch)")
    }
}
