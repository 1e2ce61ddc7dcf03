package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;

/** One queue system in the demo database: its schema, its starting rows, and what its workers do each tick. */
interface DemoSystem {

    /** The built-in profile that reads this system. */
    String profileId();

    /** Creates the tables, as the system's own migrations would. */
    void createSchema(Connection connection) throws SQLException;

    /** Fills the tables with an hour of realistic history, including the trouble the runbooks describe. */
    void seed(Connection connection, Random random) throws SQLException;

    /** One step of the simulated workers: enqueue, claim, finish, fail, retry, and now and then crash. */
    void tick(Connection connection, Random random) throws SQLException;
}
