// Run names as MLflow generates them when none is given: `<adjective>-<animal>-<0..999>`,
// e.g. "bold-owl-342". The words are chosen to be short, friendly and unambiguous.

const ADJECTIVES = [
  'able', 'agile', 'amazing', 'ambitious', 'amusing', 'auspicious', 'beautiful', 'bemused', 'blushing',
  'bold', 'brave', 'bright', 'brawny', 'bustling', 'calm', 'capable', 'carefree', 'caring', 'casual',
  'clean', 'clever', 'colorful', 'crawling', 'dapper', 'delicate', 'different', 'dashing', 'eager',
  'efficient', 'enchanting', 'end', 'fearless', 'fun', 'funny', 'gaudy', 'gentle', 'gifted', 'glamorous',
  'grandiose', 'gregarious', 'handsome', 'hilarious', 'honorable', 'illustrious', 'incongruous',
  'indecisive', 'industrious', 'intelligent', 'inquisitive', 'kindly', 'languid', 'learned', 'legendary',
  'likeable', 'loud', 'luminous', 'luxuriant', 'lyrical', 'magnificent', 'marvelous', 'masked', 'melodic',
  'merciful', 'mercurial', 'monumental', 'mysterious', 'nebulous', 'nervous', 'nimble', 'nosy', 'omniscient',
  'orderly', 'overjoyed', 'peaceful', 'painted', 'persistent', 'placid', 'polite', 'popular', 'powerful',
  'puzzled', 'rambunctious', 'rare', 'rebellious', 'respected', 'resilient', 'righteous', 'receptive',
  'redolent', 'resilient', 'rogue', 'rumbling', 'salty', 'sassy', 'secretive', 'selective', 'sedate',
  'serious', 'shivering', 'skillful', 'sincere', 'skittish', 'silent', 'smiling', 'sneaky', 'sophisticated',
  'spiffy', 'stately', 'suave', 'stylish', 'tasteful', 'thoughtful', 'thundering', 'traveling', 'treasured',
  'trusting', 'unequaled', 'upset', 'unique', 'unleashed', 'useful', 'upbeat', 'unruly', 'valuable', 'vaunted',
  'victorious', 'welcoming', 'whimsical', 'wise', 'worried', 'youthful', 'zealous',
];

const ANIMALS = [
  'ant', 'ape', 'asp', 'auk', 'bass', 'bat', 'bear', 'bee', 'bird', 'boar', 'bug', 'calf', 'carp', 'cat',
  'chimp', 'cod', 'colt', 'conch', 'cow', 'crab', 'crane', 'croc', 'crow', 'cub', 'deer', 'doe', 'dog',
  'dolphin', 'donkey', 'dove', 'duck', 'eel', 'elk', 'fawn', 'finch', 'fish', 'flea', 'fly', 'foal', 'fowl',
  'fox', 'frog', 'gnat', 'gnu', 'goat', 'goose', 'grouse', 'grub', 'gull', 'hare', 'hawk', 'hen', 'hog',
  'horse', 'hound', 'jay', 'kit', 'kite', 'koi', 'lamb', 'lark', 'loon', 'lynx', 'mare', 'midge', 'mink',
  'mole', 'moose', 'moth', 'mouse', 'mule', 'newt', 'owl', 'ox', 'panda', 'penguin', 'perch', 'pig', 'pug',
  'quail', 'ram', 'rat', 'ray', 'robin', 'roo', 'rook', 'seal', 'shad', 'shark', 'sheep', 'shoat', 'shrew',
  'shrike', 'shrimp', 'skink', 'skunk', 'sloth', 'slug', 'smelt', 'snail', 'snake', 'snipe', 'sow', 'sponge',
  'squid', 'squirrel', 'stag', 'steed', 'stoat', 'stork', 'swan', 'tern', 'toad', 'trout', 'turtle', 'vole',
  'wasp', 'whale', 'wolf', 'worm', 'wren', 'yak', 'zebra',
];

export function generateRunName(random: () => number = Math.random): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${Math.floor(random() * 1000)}`;
}

export const RUN_NAME_PATTERN = /^[a-z]+-[a-z]+-\d{1,3}$/;
