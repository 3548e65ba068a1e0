using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ZonePoll.Web.Email;

/// <summary>Hands messages to the SMTP server in the settings, or writes them to the pickup folder.</summary>
public sealed class MailDrop(MailDestination destination)
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        if (destination.PickupFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            return new FolderSession(folder);
        }

        var smtp = destination.Settings.Smtp;
        var client = new SmtpClient { Timeout = destination.Settings.TimeoutSeconds * 1000 };
        // Our own socket, with Nagle off: SMTP is write-then-wait-for-the-reply, so Nagle holds each message's last
        // small write for the server's delayed ACK.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(TimeSpan.FromSeconds(destination.Settings.TimeoutSeconds));
                await socket.ConnectAsync(smtp.Host!, smtp.Port, connecting.Token);
            }

            var security = smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await client.ConnectAsync(socket, smtp.Host!, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }

        return new SmtpSession(client);
    }

    private sealed class SmtpSession(SmtpClient client) : IMailSession
    {
        public bool Usable => client.IsConnected;

        public Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken) => client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException)
            {
                // What was sent is recorded; a failed goodbye changes nothing.
            }

            client.Dispose();
        }
    }

    private sealed class FolderSession(string folder) : IMailSession
    {
        public bool Usable => true;

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // Named by the Message-Id, so a second write of one message replaces the first; written aside then moved,
            // so nobody opens half a file.
            var id = message.MessageId ?? Guid.NewGuid().ToString("n");
            var name = string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml";
            var path = Path.Combine(folder, name);
            var partial = path + ".partial";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path, overwrite: true);
            return path;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>False once the connection has dropped: the next message needs a new session.</summary>
    bool Usable { get; }

    /// <summary>Sends one message; returns the server's reply (its queue id) or the file written.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
