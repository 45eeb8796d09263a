/// The masking functions of `../shared/spec/governance.md` in SQL, for migration 2 of
/// ``PostgresSchema/governance``. Each text function has a bigint twin that masks the
/// decimal digits, so a numeric key masks the same in every backend; STRICT makes null give null.
enum MaskingFunctionsSQL {
    static let statements: [String] = [
        // Every character but the first `first` and the last `last` becomes '*'; a value
        // no longer than first + last stays whole.
        """
        CREATE FUNCTION governance.mask_keeping(value text, first integer, last integer) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT CASE WHEN length(value) <= first + last THEN value
                        ELSE left(value, first) || repeat('*', length(value) - first - last) || right(value, last) END
        $$
        """,
        // Word by word on single spaces (runs of spaces stay), keeping each word's first character.
        """
        CREATE FUNCTION governance.mask_name(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(string_agg(governance.mask_keeping(word, 1, 0), ' ' ORDER BY position), '')
            FROM unnest(string_to_array(value, ' ')) WITH ORDINALITY AS words(word, position)
        $$
        """,
        """
        CREATE FUNCTION governance.mask_account(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT governance.mask_keeping(value, 4, 0) $$
        """,
        """
        CREATE FUNCTION governance.mask_isin(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT governance.mask_keeping(value, 4, 3) $$
        """,
        // The local part's first character stays, the rest of it becomes one '*' fewer than
        // it has characters; the domain, from the last '@', stays whole.
        """
        CREATE FUNCTION governance.mask_email(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT CASE
                WHEN strpos(value, '@') = 0 THEN governance.mask_keeping(value, 1, 0)
                ELSE (SELECT CASE WHEN at = 1 THEN value
                                  ELSE left(value, 1) || repeat('*', greatest(0, at - 3)) || substr(value, at) END
                      FROM (SELECT length(value) - strpos(reverse(value), '@') + 1 AS at) AS last_at)
            END
        $$
        """,
        // HMAC-SHA256 (RFC 2104) over the UTF-8 bytes, with the key of this transaction.
        """
        CREATE FUNCTION governance.mask_hash(value text) RETURNS text
        LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
        DECLARE
            secret bytea := convert_to(coalesce(current_setting('sluice.pseudonym_key', true), ''), 'UTF8');
            inner_key bytea;
            outer_key bytea;
        BEGIN
            IF length(secret) = 0 THEN
                RAISE EXCEPTION 'mask_hash needs the pseudonym key (a deployment secret from the settings or the environment), and none was set for this transaction';
            END IF;
            IF length(secret) > 64 THEN
                secret := sha256(secret);
            END IF;
            secret := secret || decode(repeat('00', 64 - length(secret)), 'hex');
            inner_key := secret;
            outer_key := secret;
            FOR i IN 0..63 LOOP
                inner_key := set_byte(inner_key, i, get_byte(secret, i) # 54);
                outer_key := set_byte(outer_key, i, get_byte(secret, i) # 92);
            END LOOP;
            RETURN left(encode(sha256(outer_key || sha256(inner_key || convert_to(value, 'UTF8'))), 'hex'), 16);
        END
        $$
        """,
        """
        CREATE FUNCTION governance.mask_null(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT NULL::text $$
        """,
    ] + ["mask_name", "mask_account", "mask_isin", "mask_email", "mask_null"].map { name in
        """
        CREATE FUNCTION governance.\(name)(value bigint) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT governance.\(name)(value::text) $$
        """
    } + [
        """
        CREATE FUNCTION governance.mask_hash(value bigint) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT governance.mask_hash(value::text) $$
        """,
    ]
}
