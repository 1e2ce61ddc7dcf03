package io.pitwall.connect.ssh;

import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The ssh-agent at {@code SSH_AUTH_SOCK}, spoken to over the JDK's own Unix-domain sockets (MINA's own agent client
 * needs the Tomcat native library). Keys held by the agent sign the login; the agent is never forwarded to the
 * bastion.
 */
final class AgentSocket extends AbstractAgentProxy {

    /** The agent protocol's messages are small; a length beyond this is a broken or hostile socket. */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final SocketChannel channel;

    private AgentSocket(SocketChannel channel) {
        super(null);
        this.channel = channel;
    }

    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of();
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                } catch (IOException e) {
                    channel.close();
                    throw new IOException("cannot reach the ssh-agent at " + socket + ": " + e.getMessage(), e);
                }
                return new AgentSocket(channel);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) throws IOException {
                throw new IOException("agent forwarding is not offered");
            }
        };
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        Buffer message = prepare(buffer);
        ByteBuffer out = ByteBuffer.wrap(message.array(), message.rpos(), message.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = read(4);
        int size = length.getInt();
        if (size < 0 || size > MAX_MESSAGE) {
            throw new IOException("the ssh-agent sent a message of " + size + " bytes");
        }
        return new ByteArrayBuffer(read(size).array());
    }

    private ByteBuffer read(int size) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(size);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new EOFException("the ssh-agent closed the socket");
            }
        }
        return in.flip();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        super.close();
        channel.close();
    }
}
