-- The login role of `onceload query`: it can read every table and write none, whatever the statement says (a
-- session setting such as default_transaction_read_only can be undone by the statement itself; a missing
-- privilege cannot). Roles belong to the whole server: a server shared by several onceload databases shares it.
-- A database user that may not create roles (an external server's restricted account) skips this: `query` then
-- says how to create the role by hand.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'onceload_reader') THEN
        CREATE ROLE onceload_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    END IF;
    GRANT pg_read_all_data TO onceload_reader;
    ALTER ROLE onceload_reader SET default_transaction_read_only = on;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'onceload_reader not created: %', SQLERRM;
END
$$;
