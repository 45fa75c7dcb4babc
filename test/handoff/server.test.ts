// Handoff through the real server: a request left in the chat (Direct Line) reaches the staff
// inbox of the same server with a Dutch summary, and is still there after a restart.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../bot/handoff/staff.ts';
import { DirectLineClient, removeDir, startServer, tempDir, type Running } from '../channels/helpers.ts';
import { Browser } from './helpers.ts';

const dir = tempDir();
let staff: Map<string, string>;
beforeAll(async () => {
  staff = new Map([['anna', await hashPassword('geheim-wachtwoord-1')]]);
});
afterAll(() => removeDir(dir));

async function leaveRequest(url: string, locale: string, lines: string[]) {
  const dl = new DirectLineClient(url);
  await dl.start(locale);
  await dl.next();
  let last: Awaited<ReturnType<DirectLineClient['ask']>> = [];
  for (const line of lines) last = await dl.ask(line);
  return last;
}

describe('a request for the contact person, end to end', () => {
  let server: Running;
  test('left in Dutch and in Arabic, both reach the inbox with a Dutch summary, also after a restart', async () => {
    server = await startServer({ dir, handoff: { staff } });
    const nl = await leaveRequest(server.url, 'nl-NL', ['gift', 'Geld of spullen', '1500', 'Praat met mijn contactpersoon', 'Laat een bericht achter', 'ja', 'Piet Bakker', '06 11112222', 'Weet ik niet', 'In de ochtend', 'ja']);
    expect(nl.at(-1)!.text).toMatch(/MW-[A-Z0-9]{6}/);
    const ar = await leaveRequest(server.url, 'ar-SA', ['اشتريت سيارة', 'موظف', 'اترك رسالة', 'نعم', 'سارة أحمد', 'sara@example.com', 'لا أعرف', 'أي وقت', 'نعم']);
    expect(ar.at(-1)!.text).toMatch(/MW-[A-Z0-9]{6}/);
    await server.stop();

    server = await startServer({ dir, handoff: { staff } });
    const staffBrowser = new Browser(server.url);
    const before = await staffBrowser.request('GET', '/medewerkers');
    expect(before.status).toBe(401);
    expect(before.html).not.toContain('Piet Bakker');
    const login = await staffBrowser.login('anna', 'geheim-wachtwoord-1');
    expect(login.status).toBeLessThan(400);
    const list = await staffBrowser.request('GET', '/medewerkers');
    expect(list.html).toContain('Piet Bakker');
    expect(list.html).toContain('سارة أحمد');
    const link = [...list.html.matchAll(/href="(\/medewerkers\/verzoek\/\d+)"/g)].map((m) => m[1]);
    const pages = await Promise.all(link.map((l) => staffBrowser.request('GET', l)));
    const arabic = pages.find((p) => p.html.includes('sara@example.com'))!;
    expect(arabic.html).toContain('Taal van de cliënt: Arabisch');
    expect(arabic.html).toContain('Onderwerp: Auto');
    const dutch = pages.find((p) => p.html.includes('Piet Bakker'))!;
    expect(dutch.html).toContain('Onderwerp: Giften en hulp van familie');
    await server.stop();
  });
});
