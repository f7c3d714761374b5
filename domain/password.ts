// Password rules in the spirit of NIST SP 800-63B: length and a block list of
// guessable choices instead of composition rules ("one capital, one digit"), which
// mostly produce 'Password1!'.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords seen most often in leaks, with the Indonesian ones that global lists miss
 * (religious phrases, endearments, cities, football clubs, common first names).
 * Lower-case; entries shorter than 8 characters still matter because a password that
 * is one of them plus digits or symbols ('bismillah123', 'budi2024!') is refused too.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // International
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'mypassword', 'changeme', 'secret', 'letmein', 'welcome', 'welcome1', 'welcome123', 'admin', 'admin123',
  'administrator', 'root', 'toor', 'guest', 'login', 'default', 'test', 'test123', 'testing', 'master',
  'shadow', 'qwerty', 'qwerty1', 'qwerty12', 'qwerty123', 'qwertyui', 'qwertyuiop', 'qwer1234', 'qwe123',
  'qweasd', 'qweasdzxc', 'asdfgh', 'asdfghjk', 'asdfghjkl', 'asdf1234', 'asd123', 'zxcvbn', 'zxcvbnm',
  'zxcvbnm123', 'zxc123', 'azerty', 'qazwsx', '1qaz2wsx', '1qazxsw2', 'zaq12wsx', 'zaq1zaq1', '1q2w3e',
  '1q2w3e4r', '1q2w3e4r5t', 'q1w2e3r4', 'q1w2e3r4t5', 'a1b2c3', 'a1b2c3d4', '1a2b3c4d', 'abc123',
  'abc12345', 'abcd1234', 'abcdefg', 'abcdefgh', 'aa123456', 'a123456', 'a12345678', 'asdasd', 'asdasdasd',
  'iloveyou', 'iloveyou1', 'iloveu', 'loveyou', 'loveme', 'lovely', 'love', 'babygirl', 'angel', 'princess',
  'sunshine', 'flower', 'summer', 'winter', 'freedom', 'whatever', 'trustno1', 'hunter', 'hunter2',
  'football', 'baseball', 'basketball', 'soccer', 'hockey', 'superman', 'batman', 'spiderman', 'starwars',
  'pokemon', 'naruto', 'dragon', 'dragonball', 'monkey', 'killer', 'ninja', 'matrix', 'mustang', 'access',
  'computer', 'internet', 'samsung', 'iphone', 'android', 'google', 'facebook', 'instagram', 'whatsapp',
  'youtube', 'tiktok', 'chelsea', 'liverpool', 'arsenal', 'manchester', 'manutd', 'barcelona', 'realmadrid',
  'juventus', 'ronaldo', 'cristiano', 'messi', 'blackpink', 'bangtan', 'michael', 'jennifer', 'jordan',
  'jordan23', 'charlie', 'daniel', 'ashley', 'jessica', 'nicole', 'michelle', 'cookie', 'cheese',
  'chocolate', 'banana', 'orange', 'purple', 'silver', 'golden', 'diamond',
  // Indonesian: faith and blessings
  'bismillah', 'bismillahirrahmanirrahim', 'alhamdulillah', 'subhanallah', 'astaghfirullah', 'allahuakbar',
  'assalamualaikum', 'insyaallah', 'insyallah', 'inshaallah', 'masyaallah', 'mashaallah', 'lailahaillallah',
  'barakallah', 'amin', 'aamiin', 'ramadhan', 'lebaran', 'haleluya', 'puji tuhan', 'pujituhan', 'tuhanyesus',
  'yesus', 'jesus', 'amen',
  // Indonesian: endearments and everyday words
  'sayang', 'sayangku', 'sayangkamu', 'sayangmu', 'sayangselamanya', 'cinta', 'cintaku', 'cintamu',
  'cintaselamanya', 'akucintakamu', 'akusayangkamu', 'cintasejati', 'kekasih', 'kekasihku', 'pacar',
  'pacarku', 'jodoh', 'jodohku', 'selamanya', 'bahagia', 'semangat', 'sukses', 'berhasil', 'rahasia',
  'rahasiaku', 'rahasiaa', 'katasandi', 'kata sandi', 'sandi', 'kunci', 'masuk', 'ganteng', 'cantik',
  'manis', 'imut', 'kucing', 'kucingku', 'anjing', 'monyet', 'ayam', 'bebek', 'rumah', 'rumahku',
  'keluarga', 'keluargaku', 'mama', 'mamaku', 'mamah', 'papa', 'papaku', 'papah', 'ibu', 'ibuku', 'bapak',
  'ayah', 'ayahku', 'bunda', 'adik', 'adikku', 'kakak', 'anakku', 'suami', 'suamiku', 'istri', 'istriku',
  'kamu', 'dirimu', 'hanyakamu', 'doraemon', 'upinipin', 'sembarang', 'terserah', 'apasaja', 'gatau',
  'gaktau', 'bebas', 'hokage',
  // Indonesian: country, places and this centre
  'indonesia', 'indonesiaraya', 'merdeka', 'merdeka45', 'merdeka17', '17081945', '17agustus1945',
  'pancasila', 'garuda', 'garudaindonesia', 'nusantara', 'bhinneka', 'bhinnekatunggalika', 'kendari',
  'sulawesi', 'sulawesitenggara', 'sultra', 'makassar', 'jakarta', 'surabaya', 'bandung', 'medan',
  'semarang', 'palembang', 'yogyakarta', 'jogja', 'bali', 'papua', 'kolaka', 'konawe', 'baubau', 'muna',
  'buton', 'wakatobi', 'bpvp', 'bpvpkendari', 'blk', 'blkkendari', 'kemnaker', 'siapkerja', 'pelatihan',
  'latihan', 'latih', 'kerja', 'bekerja', 'pekerjaan', 'sekolah', 'kampus', 'kuliah', 'mahasiswa',
  'pelajar', 'guru', 'polisi', 'tentara',
  // Indonesian: football clubs and supporters
  'persib', 'persija', 'arema', 'aremania', 'persebaya', 'bonek', 'jakmania', 'viking', 'psm', 'psmmakassar',
  'bobotoh',
  // Indonesian: common first names
  'muhammad', 'muhamad', 'ahmad', 'abdullah', 'fatimah', 'aisyah', 'siti', 'nurul', 'agus', 'budi', 'dewi',
  'putri', 'rizky', 'rizki', 'dimas', 'andi', 'wahyu', 'hendra', 'joko', 'eko', 'sri', 'indah', 'ratna',
  'rina', 'yanti', 'wati', 'sari', 'fitri', 'ayu', 'dian', 'rudi', 'yusuf', 'ilham', 'fajar', 'bayu',
  'reza', 'arif', 'irfan',
  // Numbers and keyboard runs
  '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '12345', '123123', '123123123',
  '123321', '112233', '121212', '654321', '87654321', '987654321', '9876543210', '111111', '11111111',
  '000000', '00000000', '666666', '696969', '7777777', '77777777', '888888', '88888888', '999999',
  '99999999', '555555', '147258369', '159753', '741852963', '123654', '1122334455', '11223344',
  '12341234', '12344321', '147852', '147852369', '20202020', '12121212', '13131313', '01012000',
];

const COMMON_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.replace(/\s+/g, '')));

// Common character swaps ('p@ssw0rd'); undone before looking a password up.
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '5': 's', $: 's', '7': 't' };

function deLeet(s: string): string {
  return s.replace(/[@40!1357$]/g, (c) => LEET[c] ?? c);
}

/** Digits or symbols padding a word, as in '123bismillah!!'. */
function stripPadding(s: string): string {
  return s.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
}

function isRepeatedOrSequential(s: string): boolean {
  if (s.length < 2) return false;
  if ([...s].every((c) => c === s[0])) return true;
  // Runs such as 23456789, 98765432, abcdefgh: each code point one apart.
  const codes = [...s].map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 1; i < codes.length; i++) {
    const diff = (codes[i] ?? 0) - (codes[i - 1] ?? 0);
    // Digits may wrap around (7890123, 3210987).
    const wraps = /\d/.test(s[i] ?? '') && Math.abs(diff) === 9;
    if (diff !== step && !(wraps && Math.sign(diff) === -step)) return false;
  }
  return true;
}

/** Whether `password` is, or is a thin disguise of, a well-known password. */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (lower === '') return false;
  if (COMMON_SET.has(lower) || isRepeatedOrSequential(lower)) return true;
  const stripped = stripPadding(lower);
  const candidates = [stripped, deLeet(stripped), deLeet(lower), stripPadding(deLeet(lower))];
  // Very short stems ('ab' + digits) say nothing; 4 letters such as 'budi' do.
  return candidates.some((c) => c.length >= 4 && COMMON_SET.has(c));
}

function normalizeForContext(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function checkPassword(
  password: string,
  context?: { email?: string; name?: string; nik?: string },
): string[] {
  if (password === '') return ['Kata sandi wajib diisi.'];
  const problems: string[] = [];
  // Count characters as people see them, not UTF-16 code units.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Kata sandi maksimal ${PASSWORD_MAX_LENGTH} karakter.`);
  if (isCommonPassword(password)) {
    problems.push('Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain.');
  }

  const pw = normalizeForContext(password);
  const nik = (context?.nik ?? '').replace(/\D/g, '');
  // A NIK is printed on the KTP that is photocopied for every application.
  if (nik.length >= 8 && pw.includes(nik)) problems.push('Kata sandi tidak boleh memuat NIK Anda.');

  const localPart = (context?.email ?? '').split('@')[0] ?? '';
  const emailStems = [localPart.toLowerCase(), normalizeForContext(localPart)].filter((s) => s.length >= 4);
  const pwLower = password.normalize('NFKC').toLowerCase();
  if (emailStems.some((stem) => pwLower.includes(stem) || pw.includes(stem))) {
    problems.push('Kata sandi tidak boleh memuat alamat e-mail Anda.');
  }

  const name = context?.name ?? '';
  const fullName = normalizeForContext(name);
  // The whole name, or any part of it long enough to be a real guess ('Muhammad').
  const nameParts = name.split(/[\s.,'’-]+/).map(normalizeForContext).filter((part) => part.length >= 4);
  if ((fullName.length >= 3 && pw.includes(fullName)) || nameParts.some((part) => pw.includes(part))) {
    problems.push('Kata sandi tidak boleh memuat nama Anda.');
  }
  return problems;
}
