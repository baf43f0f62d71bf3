/** An OCPI party: ISO country code + party id (CiString 2 + 3). Compared case-insensitively (CiString). */
export interface Party {
  countryCode: string;
  partyId: string;
}

export const partyKey = (p: Party) => `${p.countryCode.toUpperCase()}*${p.partyId.toUpperCase()}`;

export const sameParty = (a: Party, b: Party) => partyKey(a) === partyKey(b);
