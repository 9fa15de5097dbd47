-- Databases and logins for TalentNet on SQL Server, run once (and again safely) by the setup step
-- with a login that may create databases and logins (sa in compose, a DBA's login in production):
--   sqlcmd -S <server> -U sa -i scripts/sqlserver/least-privilege.sql -v CANDIDATES_MIGRATOR_PASSWORD=… (eight variables)
-- Each service gets two logins that reach its own database only:
--   talentnet_<service>_migrator: db_owner of the service's database; runs the migration step
--     (Database:Migrations=Only) and nothing else;
--   talentnet_<service>_app: reads and writes rows (db_datareader, db_datawriter, EXECUTE); it can
--     neither create a database nor change the schema, so the running service uses Database:Migrations=Verify.
SET NOCOUNT ON;

DECLARE @services TABLE (name SYSNAME NOT NULL, migrator_password NVARCHAR(128) NOT NULL, app_password NVARCHAR(128) NOT NULL);
INSERT INTO @services (name, migrator_password, app_password) VALUES
    (N'candidates', N'$(CANDIDATES_MIGRATOR_PASSWORD)', N'$(CANDIDATES_APP_PASSWORD)'),
    (N'alumni', N'$(ALUMNI_MIGRATOR_PASSWORD)', N'$(ALUMNI_APP_PASSWORD)'),
    (N'recommendations', N'$(RECOMMENDATIONS_MIGRATOR_PASSWORD)', N'$(RECOMMENDATIONS_APP_PASSWORD)'),
    (N'integrations', N'$(INTEGRATIONS_MIGRATOR_PASSWORD)', N'$(INTEGRATIONS_APP_PASSWORD)');

DECLARE @name SYSNAME, @migratorPassword NVARCHAR(128), @appPassword NVARCHAR(128);
DECLARE @database SYSNAME, @migrator SYSNAME, @app SYSNAME, @sql NVARCHAR(MAX);
DECLARE service_cursor CURSOR LOCAL FAST_FORWARD FOR SELECT name, migrator_password, app_password FROM @services;
OPEN service_cursor;
FETCH NEXT FROM service_cursor INTO @name, @migratorPassword, @appPassword;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @database = N'talentnet_' + @name;
    SET @migrator = @database + N'_migrator';
    SET @app = @database + N'_app';

    IF DB_ID(@database) IS NULL
    BEGIN
        SET @sql = N'CREATE DATABASE ' + QUOTENAME(@database) + N';';
        EXEC sys.sp_executesql @sql;
    END;

    -- A login's default database is its own; it is granted nothing on the server.
    SET @sql = CASE WHEN SUSER_ID(@migrator) IS NULL
        THEN N'CREATE LOGIN ' + QUOTENAME(@migrator) + N' WITH PASSWORD = ' + QUOTENAME(@migratorPassword, N'''') + N', DEFAULT_DATABASE = ' + QUOTENAME(@database) + N', CHECK_POLICY = ON;'
        ELSE N'ALTER LOGIN ' + QUOTENAME(@migrator) + N' WITH PASSWORD = ' + QUOTENAME(@migratorPassword, N'''') + N';' END;
    EXEC sys.sp_executesql @sql;
    SET @sql = CASE WHEN SUSER_ID(@app) IS NULL
        THEN N'CREATE LOGIN ' + QUOTENAME(@app) + N' WITH PASSWORD = ' + QUOTENAME(@appPassword, N'''') + N', DEFAULT_DATABASE = ' + QUOTENAME(@database) + N', CHECK_POLICY = ON;'
        ELSE N'ALTER LOGIN ' + QUOTENAME(@app) + N' WITH PASSWORD = ' + QUOTENAME(@appPassword, N'''') + N';' END;
    EXEC sys.sp_executesql @sql;

    SET @sql = N'USE ' + QUOTENAME(@database) + N';
        IF USER_ID(N''migrator'') IS NULL CREATE USER [migrator] FOR LOGIN ' + QUOTENAME(@migrator) + N';
        ALTER ROLE db_owner ADD MEMBER [migrator];
        IF USER_ID(N''app'') IS NULL CREATE USER [app] FOR LOGIN ' + QUOTENAME(@app) + N';
        ALTER ROLE db_datareader ADD MEMBER [app];
        ALTER ROLE db_datawriter ADD MEMBER [app];
        GRANT EXECUTE TO [app];';
    EXEC sys.sp_executesql @sql;

    FETCH NEXT FROM service_cursor INTO @name, @migratorPassword, @appPassword;
END;
CLOSE service_cursor;
DEALLOCATE service_cursor;
