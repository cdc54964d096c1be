/** A fetch answer with its text and, when the text is JSON, the parsed value. */
export async function fetchAnswer(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
