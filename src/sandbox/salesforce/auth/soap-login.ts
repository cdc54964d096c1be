import type { IncomingMessage } from 'node:http';
import { readBody } from '../../../lib/http-server.js';
import type { SessionManager, SandboxUser } from './sessions.js';

export interface SoapAnswer {
  status: number;
  xml: string;
  operation: { kind: string; ok: boolean };
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns="urn:partner.soap.sforce.com" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of the first element with this local name, whatever its namespace prefix. */
const element = (xml: string, name: string) => {
  const m = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
  return m ? unescapeXml(m[1] as string) : null;
};

function fault(kind: string, code: string, message: string): SoapAnswer {
  const detail = code === 'INVALID_LOGIN' ? 'LoginFault' : 'UnexpectedErrorFault';
  return {
    status: 500,
    xml:
      `${ENVELOPE_OPEN}<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring>` +
      `<detail><sf:${detail} xsi:type="sf:${detail}"><sf:exceptionCode>${code}</sf:exceptionCode>` +
      `<sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:${detail}></detail></soapenv:Fault>${ENVELOPE_CLOSE}`,
    operation: { kind, ok: false },
  };
}

function loginResponse(
  user: SandboxUser,
  sessionId: string,
  sessions: SessionManager,
  instanceUrl: string,
  version: string,
): string {
  const org15 = sessions.orgId.slice(0, 15);
  return (
    `${ENVELOPE_OPEN}<loginResponse><result>` +
    `<metadataServerUrl>${instanceUrl}/services/Soap/m/${version}/${org15}</metadataServerUrl>` +
    `<passwordExpired>false</passwordExpired><sandbox>true</sandbox>` +
    `<serverUrl>${instanceUrl}/services/Soap/u/${version}/${org15}</serverUrl>` +
    `<sessionId>${escapeXml(sessionId)}</sessionId><userId>${user.id}</userId>` +
    `<userInfo><currencySymbol>$</currencySymbol><organizationId>${sessions.orgId}</organizationId>` +
    `<organizationMultiCurrency>true</organizationMultiCurrency><organizationName>Shieldware</organizationName>` +
    `<userDefaultCurrencyIsoCode>USD</userDefaultCurrencyIsoCode><userEmail>${escapeXml(user.username)}</userEmail>` +
    `<userFullName>${escapeXml(user.name)}</userFullName><userId>${user.id}</userId><userLanguage>en_US</userLanguage>` +
    `<userLocale>en_US</userLocale><userName>${escapeXml(user.username)}</userName><userTimeZone>GMT</userTimeZone>` +
    `<userType>Standard</userType></userInfo></result></loginResponse>${ENVELOPE_CLOSE}`
  );
}

/**
 * The partner SOAP API's login() and logout() on /services/Soap/u/{version}: what jsforce's
 * conn.login(user, password) calls when it has no OAuth client settings. Salesforce retires
 * SOAP login in API version 65.0, so later versions are refused.
 */
export async function handleSoapCall(
  req: IncomingMessage,
  sessions: SessionManager,
  instanceUrl: string,
  version: string,
): Promise<SoapAnswer> {
  const xml = (await readBody(req, 64 * 1024)).toString('utf8');
  if (/<(?:\w+:)?logout[\s/>]/.test(xml)) {
    const sessionId = element(xml, 'sessionId') ?? '';
    if (!sessions.check(sessionId))
      return fault('soap:logout', 'INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
    sessions.revoke(sessionId);
    return {
      status: 200,
      xml: `${ENVELOPE_OPEN}<logoutResponse/>${ENVELOPE_CLOSE}`,
      operation: { kind: 'soap:logout', ok: true },
    };
  }
  if (!/<(?:\w+:)?login[\s>]/.test(xml))
    return fault('soap:unknown', 'UNKNOWN_EXCEPTION', 'The Salesforce sandbox answers only login and logout over SOAP');
  if (Number(version) >= 65)
    return fault('soap:login', 'UNSUPPORTED_API_VERSION', `SOAP login() is not available in API version ${version}`);
  const user = sessions.login(element(xml, 'username') ?? '', element(xml, 'password') ?? '');
  if (!user)
    return fault('soap:login', 'INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
  const { token } = sessions.issueAccessToken(user, null);
  return {
    status: 200,
    xml: loginResponse(user, token, sessions, instanceUrl, version),
    operation: { kind: 'soap:login', ok: true },
  };
}
