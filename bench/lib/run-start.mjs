/**
 * Starts a run of a workflow on a bench server (`{url, headers}` with its token) over the
 * real API and answers the run; anything but a 201 throws with the server's answer.
 */
export async function startRun(server, workflow) {
  const res = await fetch(`${server.url}/api/workflows/${workflow}/runs`, {
    method: 'POST',
    headers: { ...server.headers, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`start ${workflow}: ${res.status} ${await res.text()}`);
  return (await res.json()).run;
}
