package io.pitwall.ui.connect;

import io.pitwall.connect.SavedConnections.Saved;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectViewModelTest {

    @Test
    void choosingASavedConnectionFillsTheUri() {
        ConnectViewModel viewModel = new ConnectViewModel(List.of(new Saved("queues on db1", "postgresql://ops@db1:5432/queues")), null);
        viewModel.choose(viewModel.saved().getFirst());
        assertEquals("postgresql://ops@db1:5432/queues", viewModel.request().uri());
        assertNull(viewModel.request().password(), "an empty password field means: use ~/.pgpass or PGPASSWORD");
        assertFalse(viewModel.request().demo());
    }

    @Test
    void onlyPostgresLookingInputCanBeSubmitted() {
        ConnectViewModel viewModel = new ConnectViewModel(List.of(), "");
        assertTrue(viewModel.uriLooksValid().get(), "empty means: use the PG* environment");
        viewModel.uriProperty().set("mysql://nope");
        assertFalse(viewModel.uriLooksValid().get());
        viewModel.uriProperty().set("host=db dbname=q");
        assertTrue(viewModel.uriLooksValid().get());
        viewModel.passwordProperty().set("pw");
        assertEquals("pw", viewModel.request().password());
    }
}
