// Texts of "Meine Dokumente", the Postfach and "Meine Daten" (export and
// deleting the account), German first. i18n.tsx puts them into the
// dictionary as `docs`; the English object must have the same shape.

export const documentsDe = {
  title: 'Meine Dokumente',
  lead: 'Ihre Ausweise und Pässe, wie sie im Register der Stadt stehen. Nummern zeigen wir zum Schutz nur gekürzt.',
  none: 'Zu Ihrem Konto sind keine Dokumente eingetragen.',
  number: 'Nummer',
  numberMasked: '(gekürzt)',
  issued: 'Ausgestellt am',
  expires: 'Gültig bis',
  noExpiry: 'unbefristet',
  authority: 'Ausgestellt von',
  status: { gueltig: 'Gültig', abgelaufen: 'Abgelaufen', verloren: 'Verloren gemeldet', gestohlen: 'Gestohlen gemeldet' } as Record<string, string>,
  expiresIn: (days: number) =>
    days <= 0
      ? 'Abgelaufen – bitte beantragen Sie ein neues Dokument.'
      : days < 31
        ? `Läuft in ${days === 1 ? 'einem Tag' : `${days} Tagen`} ab.`
        : `Läuft in ${Math.round(days / 30.44) === 1 ? 'einem Monat' : `${Math.round(days / 30.44)} Monaten`} ab.`,
  renew: 'Termin für ein neues Dokument',
  renewOf: (kind: string) => `Termin für ein neues Dokument: ${kind}`,
  report: 'Verlust oder Diebstahl melden',
  reportOf: (kind: string) => `${kind}: Verlust oder Diebstahl melden`,
  reportTitle: (kind: string) => `${kind} als verloren oder gestohlen melden?`,
  reportWhat: 'Was ist passiert?',
  lost: 'Verloren',
  stolen: 'Gestohlen',
  reportWarning:
    'Das Dokument wird sofort gesperrt und ist danach nicht mehr gültig, auch wenn Sie es wiederfinden. Bei Diebstahl zeigen Sie ihn bitte auch bei der Polizei an.',
  reportYes: 'Verbindlich melden',
  reportNo: 'Abbrechen',
  reporting: 'Die Meldung wird gespeichert …',
  reported: (kind: string) => `${kind} ist jetzt gesperrt. Buchen Sie einen Termin für ein neues Dokument.`,

  inboxTitle: 'Postfach',
  inboxLead: 'Nachrichten der Stadtverwaltung an Sie, zum Beispiel Erinnerungen an ablaufende Dokumente.',
  unread: (n: number) => (n === 0 ? 'Keine ungelesenen Nachrichten' : n === 1 ? '1 ungelesene Nachricht' : `${n} ungelesene Nachrichten`),
  unreadShort: (n: number) => (n === 1 ? '1 ungelesen' : `${n} ungelesen`),
  emptyInbox: 'Ihr Postfach ist leer.',
  newTag: 'Neu',
  received: 'Eingegangen am',
  markRead: 'Als gelesen markieren',
  markReadOf: (subject: string) => `„${subject}“ als gelesen markieren`,
  remove: 'Löschen',
  removeOf: (subject: string) => `„${subject}“ löschen`,
  removed: 'Die Nachricht ist gelöscht.',
  markedRead: 'Als gelesen markiert.',
  more: 'Ältere Nachrichten laden',

  dataTitle: 'Meine Daten',
  dataLead: 'Nach der Datenschutz-Grundverordnung (DSGVO) können Sie alle Daten abrufen, die die Stadt in Ihrem Bürgerkonto speichert, und Ihr Konto löschen.',
  exportTitle: 'Alle meine Daten herunterladen',
  exportText: 'Eine Datei (JSON) mit Ihrem Konto, Ihren Terminen, Dokumenten und Nachrichten (Art. 15 und 20 DSGVO).',
  exportButton: 'Alle meine Daten herunterladen',
  deleteTitle: 'Konto löschen',
  deleteText:
    'Ihr Bürgerkonto wird gelöscht, kommende Termine werden abgesagt und Ihre Nachrichten gelöscht (Art. 17 DSGVO). Was die Stadt aus gesetzlichen Gründen aufbewahren muss, etwa das Ausweisregister, bleibt erhalten.',
  deleteButton: 'Konto löschen …',
  deleteQuestion: 'Möchten Sie Ihr Bürgerkonto wirklich löschen?',
  deleteWarning: 'Das lässt sich nicht rückgängig machen. Sie werden danach abgemeldet.',
  deletePassword: 'Zur Bestätigung: Ihr Passwort',
  deleteYes: 'Konto endgültig löschen',
  deleteNo: 'Abbrechen',
  deleting: 'Ihr Konto wird gelöscht …',
  wrongPassword: 'Das Passwort stimmt nicht.',
  staffNoDelete: 'Dienstkonten werden von der Verwaltung gelöscht, nicht hier.',
  goodbyeTitle: 'Ihr Konto ist gelöscht',
  goodbyeText: 'Ihr Bürgerkonto und Ihre Daten darin sind gelöscht. Vielen Dank, dass Sie die digitalen Dienste von Musterstadt genutzt haben.',
  goodbyeAgain: 'Sie können jederzeit wieder ein Bürgerkonto anlegen.',

  sectionLinks: {
    appointments: 'Ihre gebuchten Termine ansehen und absagen.',
    documents: 'Ausweis, Reisepass und Führerschein: Gültigkeit und Verlustmeldung.',
    inbox: 'Nachrichten und Erinnerungen der Stadt.',
  },
};

export type DocumentsTexts = typeof documentsDe;

export const documentsEn: DocumentsTexts = {
  title: 'My documents',
  lead: 'Your identity cards and passports as the city’s register holds them. For your protection numbers are shown shortened.',
  none: 'No documents are registered for your account.',
  number: 'Number',
  numberMasked: '(shortened)',
  issued: 'Issued on',
  expires: 'Valid until',
  noExpiry: 'no expiry',
  authority: 'Issued by',
  status: { gueltig: 'Valid', abgelaufen: 'Expired', verloren: 'Reported lost', gestohlen: 'Reported stolen' },
  expiresIn: (days: number) =>
    days <= 0
      ? 'Expired – please apply for a new document.'
      : days < 31
        ? `Expires in ${days === 1 ? 'one day' : `${days} days`}.`
        : `Expires in ${Math.round(days / 30.44) === 1 ? 'one month' : `${Math.round(days / 30.44)} months`}.`,
  renew: 'Appointment for a new document',
  renewOf: (kind: string) => `Appointment for a new document: ${kind}`,
  report: 'Report lost or stolen',
  reportOf: (kind: string) => `${kind}: report lost or stolen`,
  reportTitle: (kind: string) => `Report ${kind} as lost or stolen?`,
  reportWhat: 'What happened?',
  lost: 'Lost',
  stolen: 'Stolen',
  reportWarning:
    'The document is blocked at once and is no longer valid, even if you find it again. If it was stolen, please also report it to the police.',
  reportYes: 'Report it',
  reportNo: 'Cancel',
  reporting: 'Saving the report …',
  reported: (kind: string) => `${kind} is now blocked. Book an appointment for a new document.`,

  inboxTitle: 'Inbox',
  inboxLead: 'Messages from the city administration to you, for example reminders of expiring documents.',
  unread: (n: number) => (n === 0 ? 'No unread messages' : n === 1 ? '1 unread message' : `${n} unread messages`),
  unreadShort: (n: number) => `${n} unread`,
  emptyInbox: 'Your inbox is empty.',
  newTag: 'New',
  received: 'Received on',
  markRead: 'Mark as read',
  markReadOf: (subject: string) => `Mark “${subject}” as read`,
  remove: 'Delete',
  removeOf: (subject: string) => `Delete “${subject}”`,
  removed: 'The message has been deleted.',
  markedRead: 'Marked as read.',
  more: 'Load older messages',

  dataTitle: 'My data',
  dataLead: 'Under the GDPR you can download all data the city keeps in your citizen account, and delete your account.',
  exportTitle: 'Download all my data',
  exportText: 'One file (JSON) with your account, appointments, documents and messages (Art. 15 and 20 GDPR).',
  exportButton: 'Download all my data',
  deleteTitle: 'Delete account',
  deleteText:
    'Your citizen account is deleted, upcoming appointments are cancelled and your messages deleted (Art. 17 GDPR). What the city must keep by law, such as the identity document register, stays.',
  deleteButton: 'Delete account …',
  deleteQuestion: 'Do you really want to delete your citizen account?',
  deleteWarning: 'This cannot be undone. You will be logged out.',
  deletePassword: 'To confirm: your password',
  deleteYes: 'Delete my account for good',
  deleteNo: 'Cancel',
  deleting: 'Deleting your account …',
  wrongPassword: 'The password is not correct.',
  staffNoDelete: 'Staff accounts are deleted by the administration, not here.',
  goodbyeTitle: 'Your account has been deleted',
  goodbyeText: 'Your citizen account and the data in it have been deleted. Thank you for using Musterstadt’s digital services.',
  goodbyeAgain: 'You can create a new citizen account at any time.',

  sectionLinks: {
    appointments: 'See and cancel your booked appointments.',
    documents: 'Identity card, passport and driving licence: validity and reporting a loss.',
    inbox: 'Messages and reminders from the city.',
  },
};
