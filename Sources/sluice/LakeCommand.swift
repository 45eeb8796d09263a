import ArgumentParser

/// `sluice lake`: look into and copy between lake locations, folders and S3 buckets alike.
struct LakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "List, copy and generate objects in a lake folder or S3 bucket.",
        discussion: """
        A location is a folder path (lake, ./lake/raw, /data/lake), a file URI \
        (file:///data/lake) or an S3 URI (s3://bucket/prefix). S3 locations use the \
        standard AWS variables: AWS_ENDPOINT_URL for a server other than AWS, \
        AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, \
        or the s3 section of the Sluice settings file (--config, $SLUICE_CONFIG or \
        ./.sluice/config.json); a variable that is set wins over the file. \
        For the test server: eval "$(scripts/services.sh env)".
        """,
        subcommands: [LakeListCommand.self, LakeCopyCommand.self, LakeGenerateCommand.self]
    )
}
